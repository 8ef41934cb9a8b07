/** Real `kubectl create ... --dry-run=client -o yaml` output (kubectl v1.32), as sent to the API server. */

// kubectl create namespace shop --dry-run=client -o yaml
export const namespace = `apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: shop
spec: {}
status: {}
`;

// kubectl create service clusterip web --tcp=80:8080 --dry-run=client -o yaml
export const serviceClusterIP = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
`;

// kubectl create service nodeport np --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml
export const serviceNodePort = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: np
  name: np
spec:
  ports:
  - name: 80-8080
    nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: np
  type: NodePort
status:
  loadBalancer: {}
`;

// kubectl create service loadbalancer lb --tcp=443:8443 --dry-run=client -o yaml
export const serviceLoadBalancer = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: lb
  name: lb
spec:
  ports:
  - name: 443-8443
    port: 443
    protocol: TCP
    targetPort: 8443
  selector:
    app: lb
  type: LoadBalancer
status:
  loadBalancer: {}
`;

// kubectl create service clusterip hl --clusterip=None --dry-run=client -o yaml
export const serviceHeadless = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: hl
  name: hl
spec:
  clusterIP: None
  selector:
    app: hl
  type: ClusterIP
status:
  loadBalancer: {}
`;

// kubectl create service externalname ext --external-name=example.com --dry-run=client -o yaml
export const serviceExternalName = `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: ext
  name: ext
spec:
  externalName: example.com
  selector:
    app: ext
  type: ExternalName
status:
  loadBalancer: {}
`;

// kubectl create configmap app --from-literal=a=1 --from-literal=b=two --dry-run=client -o yaml
export const configMap = `apiVersion: v1
data:
  a: "1"
  b: two
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: app
`;

// kubectl create secret generic db --from-literal=password=s3cret --dry-run=client -o yaml
export const secretGeneric = `apiVersion: v1
data:
  password: czNjcmV0
kind: Secret
metadata:
  creationTimestamp: null
  name: db
`;

// kubectl create secret tls web-tls --cert=c.pem --key=k.pem --dry-run=client -o yaml
export const secretTLS = `apiVersion: v1
data:
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMrVENDQWVHZ0F3SUJBZ0lVVm94cmNYOXF6UmY1ZlNMejJLc2pXYkMxSWdNd0RRWUpLb1pJaHZjTkFRRUwKQlFBd0RERUtNQWdHQTFVRUF3d0JlREFlRncweU5qRXhNalV3TURJNU1EUmFGdzB5TmpFeE1qWXdNREk1TURSYQpNQXd4Q2pBSUJnTlZCQU1NQVhnd2dnRWlNQTBHQ1NxR1NJYjNEUUVCQVFVQUE0SUJEd0F3Z2dFS0FvSUJBUUM4CmF1NHlhZVE3a2drVHpxcC9IR3d4TGEwc0lNeWlYTU5IU0hJK3FIUGZYQWdDQnZUM2pkTXFYV1E0My90YWRTdE0KTmFmd1VRemVMeXZBbjZ2ZzlvamdkOTV1SitPY2tHNzNYT01HK2xtSW03eXFpcmhGRHJnOVMyTTZ2Qm5ZNytwSApMMWJhdnZQbW0xSnJTSlpqMG8vekU0K2Fvb1IxazJuT0Y0RllNR3FWS090d3djOGpVdmRjeVZLOU1Nc1daVFJKCk5XNjh5RDhxQlNiVEpDaWhaNi9abmxGNE40WlNISS9zSDEyeUovNy9NaisrM1ZuUjdmbnljamZ6REs2M3VmY3IKdWVYRVRLenlVLzNxOWRMMCsrdzZiZ2x5YWRERmpPWW0xZm9GQ3JyOVpiWmQ5elZ6UFdRRUM4YkdEVTU2NVg0ZQpRLzNtOHNRK2djblcwSmJERnNWakFnTUJBQUdqVXpCUk1CMEdBMVVkRGdRV0JCUWFzanp6a1BsTG5wSXVSSzZhCmFhMEVzbVZNUERBZkJnTlZIU01FR0RBV2dCUWFzanp6a1BsTG5wSXVSSzZhYWEwRXNtVk1QREFQQmdOVkhSTUIKQWY4RUJUQURBUUgvTUEwR0NTcUdTSWIzRFFFQkN3VUFBNElCQVFDY0E5dWVBQ3ZqdGNieGNFeHZrVnZvSlFvdQorM0tVb3Frc0lHek9HRytIaFNoUExDdE1zQ0ErYWV6NmVMNlgxMTRXVEhLQW5oTjM4WWUxRjVRcmxEOTFoV3NKClVrL1gwd3NtVmsrVEFidmRJeHE5R2VyeGxUQVlIczZaSG1CYmE4M2Y2aDBBMzI0aFFsek5LVXp3TEgyRnA3ZVQKN2h2VmRZZ1FyNWtqS3JUNFpMSGo1a2tSR0FpRllmeGhSeEJLczdlc1RXaXVJT3lXRHBMb3JNeE5wMlFWMGVDNwpjbUxhTGUyRzhaV2FUQUVJTUpFNUoxaTNCdWFvaDhsajdFVzJsc0p6OXBVRWlwWkZEd2FBMzdjSVFRTmErajBjCmRabVNGb0hYNDdTV05xcXY4cVdtUjE3REsxSmlCSzNpOGFrVjA0d3ZFaldYb3lSZVM0WlRjK0pnWkZJWAotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVNDQktjd2dnU2pBZ0VBQW9JQkFRQzhhdTR5YWVRN2tna1QKenFwL0hHd3hMYTBzSU15aVhNTkhTSEkrcUhQZlhBZ0NCdlQzamRNcVhXUTQzL3RhZFN0TU5hZndVUXplTHl2QQpuNnZnOW9qZ2Q5NXVKK09ja0c3M1hPTUcrbG1JbTd5cWlyaEZEcmc5UzJNNnZCblk3K3BITDFiYXZ2UG1tMUpyClNKWmowby96RTQrYW9vUjFrMm5PRjRGWU1HcVZLT3R3d2M4alV2ZGN5Vks5TU1zV1pUUkpOVzY4eUQ4cUJTYlQKSkNpaFo2L1pubEY0TjRaU0hJL3NIMTJ5Si83L01qKyszVm5SN2ZueWNqZnpESzYzdWZjcnVlWEVUS3p5VS8zcQo5ZEwwKyt3NmJnbHlhZERGak9ZbTFmb0ZDcnI5WmJaZDl6VnpQV1FFQzhiR0RVNTY1WDRlUS8zbThzUStnY25XCjBKYkRGc1ZqQWdNQkFBRUNnZ0VBSGpFdHFDc1Z1b0g2Z3creEp4czJoR1E0V3E0MWZGTDNBUnVDZGJpU2tNUEkKNDJKRlZpSGJma1M4THV6eW54cDZ3Z1NGdTY3bWdVMU5GUzhXTmhTVjl3K0k0Z2Z4bzRDZ0loMDM5K3lkU2o4QwphdEE5eE9YSW1oeCt5SEQ1M0t4ZEtJNVZFWit3VlBuN1ZBWldxdnBEdk5vYjZkWGUrZVE4VVIwQ2RLVHExS20vCjVUbDhPRG80Q0hqZkRpTFhRa0MzZFVDQjh1OVU4dmc2L1VKckg5MXEzeGZ3cUJEVjBmZWpPcWlNQjBYMDNaVGgKY2duSXM2VTlCdngvL3NoL0hSMXduejlzWGZJRnJ1dzJ5K3pmMWxzczg4VkZtMUJvK0RNZEoyQjJ6ZFFyOVE5MgpqOWFvclY2Qk4xVExJU3o4NTIvMGtoMG9INEw4OHZYcE5ycjF0WnJZMFFLQmdRRGRCWjk2eUJ1WHZwbDB2MTVhCjB0YUpGUXQyVjVtdkVMMnRWNnJLR2Vvc2ltVG82ZnlsbEtrL3BLWkhBc3lYaFI5L2pmdTEzNW8wSjRidUhEWkcKMWIvQ2VtQkNMYWZES1NGbzRibXZ0bW8vWEg0L1N3QmRwME1IZThXczdMeGt2WWxMa0NWL1lGdGxyZU41TnUxYgpoZVRTQnJkNjJENHNGaSthd2lNTnBUVTdtUUtCZ1FEYVBHVGFGR29nM05KNVREYVAxSGFod3pGNU9iZ0ZIQW1kCldHYmJrWlBLdU14QkFmZnc4bzZVSVRDd0xQVE9TVWplQVk5VlhtaVhLNGw0eGtIYXQyU3pFQ1Mxb24rTFNSTDYKNVhrL3FaZWRvZkJ3U3pyRXpxdkVoaVpicGlnbXY4WUlNUHJTb29oU0FMRHU4ODZ5d3daZ1U0b1ZyNENKdm1mdwp0V1JKdXcwR1d3S0JnUUNSVmp3N2lkQ1RKUk5Wc08xRHZmYXk1N0xFMisvRUxiYjhnSFJmTjFGRWZyRENjL0xkCmt2Y0VVYW5CY2piRXdCWXBVMTBjaUcrbk1nTEpHcVlhU0Q0empUTTA4VDZxMTZZUGlMY0lzMlFFVERiOE9iNkEKMXhiOW1jY3Y0ZkEwTW1wUTFQWERYOEphQjFGWWlPVGwxUkxWaFBNc0JYeEVrMFkwZHNxRUU0b0FxUUtCZ0VRZwp0RzhzRGxHQi9pYWx0eWJCY2VOZjF4TDhCTWw3ampqVGZ4Q3Vhby9QanR3QWJGR0l0eC9oR0p6Mis5bG1JVnhFCjZtVUJHdStPUk5VeU54NjdQN0Z5cWJNV0xuRGgrQTNoRXkvZmxwZzhGSjVKcmVnQWlMaktGREZxTm9DYVA0MFIKRlV3cU54bzZZd0hGbE5KVGRhc2VpUzNwNHR1ZFdEOVpzUndmUzVxZkFvR0FSaVNWNnpGa3NUUE51K3dSbjJ1aAptS0VsQmFVZFAzWU9TSmdXTlkzTzhTVlFvZ0xyQWFOREtQQWJyT2xkU2YwdHFiVWtBMGg3eGdNek1EbXVPbFFGCk1sbHI2eEZmVitLVlRjT1pBc2xUcTkvTzR2L2ZVdlpXaFlnTlEyczlESlozc0ozMzlBeFR6WC9TRVpSZ2tETVEKcUFBRkc1RFMyQTIrdnE0Yis3a0lGUWc9Ci0tLS0tRU5EIFBSSVZBVEUgS0VZLS0tLS0K
kind: Secret
metadata:
  creationTimestamp: null
  name: web-tls
type: kubernetes.io/tls
`;

// kubectl create secret docker-registry reg --docker-username=u --docker-password=p --docker-server=r.io --dry-run=client -o yaml
export const secretDockerRegistry = `apiVersion: v1
data:
  .dockerconfigjson: eyJhdXRocyI6eyJyLmlvIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ==
kind: Secret
metadata:
  creationTimestamp: null
  name: reg
type: kubernetes.io/dockerconfigjson
`;

// kubectl create ingress web --rule=foo.com/bar*=svc1:8080 --rule=bar.com/=svc2:http --class=nginx --dry-run=client -o yaml
export const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  creationTimestamp: null
  name: web
spec:
  ingressClassName: nginx
  rules:
  - host: foo.com
    http:
      paths:
      - backend:
          service:
            name: svc1
            port:
              number: 8080
        path: /bar
        pathType: Prefix
  - host: bar.com
    http:
      paths:
      - backend:
          service:
            name: svc2
            port:
              name: http
        path: /
        pathType: Exact
status:
  loadBalancer: {}
`;

// kubectl create serviceaccount robot --dry-run=client -o yaml
export const serviceAccount = `apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: null
  name: robot
`;

// kubectl create deployment php --image=nginx --dry-run=client -o yaml
export const hpaTarget = `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: php
  name: php
spec:
  replicas: 1
  selector:
    matchLabels:
      app: php
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: php
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`;

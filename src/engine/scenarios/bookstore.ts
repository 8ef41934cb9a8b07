/**
 * The seed lesson's bookstore, as manifests: a LoadBalancer Service in front of the bookstore Deployment, which
 * reaches postgres (a StatefulSet with a PersistentVolumeClaim) through a ClusterIP Service by its DNS name,
 * configured by a ConfigMap and a Secret, all in the `bookstore` namespace.
 */
export const BOOKSTORE_MANIFESTS = `# The bookstore: LoadBalancer -> Deployment -> ClusterIP -> StatefulSet with a PersistentVolumeClaim,
# configured by a ConfigMap and a Secret, in its own namespace.
apiVersion: v1
kind: Namespace
metadata:
  name: bookstore
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: bookstore-config
  namespace: bookstore
data:
  DATABASE_HOST: postgres
  DATABASE_PORT: "5432"
  DATABASE_NAME: bookstore
---
apiVersion: v1
kind: Secret
metadata:
  name: postgres-credentials
  namespace: bookstore
type: Opaque
stringData:
  POSTGRES_USER: bookstore
  POSTGRES_PASSWORD: change-me
---
# The StatefulSet's governing Service: headless, so each postgres pod gets its own DNS name.
apiVersion: v1
kind: Service
metadata:
  name: postgres-headless
  namespace: bookstore
spec:
  clusterIP: None
  selector:
    app: postgres
  ports:
    - name: postgres
      port: 5432
---
# What the bookstore connects to: postgres.bookstore.svc.cluster.local:5432.
apiVersion: v1
kind: Service
metadata:
  name: postgres
  namespace: bookstore
spec:
  selector:
    app: postgres
  ports:
    - name: postgres
      port: 5432
      targetPort: postgres
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: bookstore
spec:
  serviceName: postgres-headless
  replicas: 1
  selector:
    matchLabels:
      app: postgres
  template:
    metadata:
      labels:
        app: postgres
    spec:
      containers:
        - name: postgres
          image: postgres:17
          ports:
            - name: postgres
              containerPort: 5432
          env:
            - name: POSTGRES_DB
              valueFrom:
                configMapKeyRef:
                  name: bookstore-config
                  key: DATABASE_NAME
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
          envFrom:
            - secretRef:
                name: postgres-credentials
          readinessProbe:
            tcpSocket:
              port: postgres
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bookstore
  namespace: bookstore
spec:
  replicas: 3
  selector:
    matchLabels:
      app: bookstore
  template:
    metadata:
      labels:
        app: bookstore
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
          envFrom:
            - configMapRef:
                name: bookstore-config
          env:
            - name: DATABASE_USER
              valueFrom:
                secretKeyRef:
                  name: postgres-credentials
                  key: POSTGRES_USER
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: postgres-credentials
                  key: POSTGRES_PASSWORD
          readinessProbe:
            httpGet:
              path: /
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 64Mi
            limits:
              memory: 128Mi
---
apiVersion: v1
kind: Service
metadata:
  name: bookstore
  namespace: bookstore
spec:
  type: LoadBalancer
  selector:
    app: bookstore
  ports:
    - name: http
      port: 80
      targetPort: http
`;

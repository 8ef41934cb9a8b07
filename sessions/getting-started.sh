# Getting started: namespaces, a ConfigMap, a Deployment from a heredoc, labels and a deliberate mistake.
# Run it with: npm run sim -- sessions/getting-started.sh

export NS=shop
kubectl create namespace $NS
kubectl get namespaces

# A ConfigMap from literals; read one value back with jsonpath and $(...)
kubectl create configmap web-config -n $NS \
  --from-literal=greeting=hello \
  --from-literal=color=blue
GREETING=$(kubectl get configmap web-config -n $NS -o jsonpath='{.data.greeting}')
echo "the greeting is: $GREETING"

# A Deployment applied from a heredoc ($NS is expanded inside it)
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: $NS
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
EOF
kubectl get deployments -n $NS
kubectl describe deployment web -n $NS

# Labels: add one, then select by it
kubectl label configmap web-config -n $NS tier=frontend
kubectl get configmaps -n $NS -l tier=frontend --show-labels

# A deliberate mistake: the kind is misspelled
kubectl apply -n $NS -f - <<EOF
apiVersion: v1
kind: ConfigMpa
metadata:
  name: typo
EOF

# Virtual time: sleep never waits, the cluster just ages two minutes
sleep 2m
kubectl get configmap web-config -n $NS
kubectl delete namespace $NS

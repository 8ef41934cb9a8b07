# The seed lesson's control loop on the default cluster: self-healing, a rolling update, a rollback and a node
# failure. Run it with: npm run sim -- sessions/seed-lesson.sh

kubectl create deployment web --image=nginx:1.27 --replicas=3
sleep 20
kubectl get pods -o wide

# Self-healing: delete a pod and the ReplicaSet replaces it.
POD=$(kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}')
kubectl delete pod $POD
sleep 10
kubectl get pods -l app=web

# A rolling update, replica by replica.
kubectl set image deployment/web nginx=nginx:1.28
kubectl rollout status deployment/web
kubectl get replicasets
kubectl rollout history deployment/web

# A bad release, and the way back.
kubectl set image deployment/web nginx=nginx:1.299
sleep 30
kubectl get pods -l app=web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web
kubectl get replicasets

# A node fails: after 50s it is NotReady, after 300s more its pods are evicted and rescheduled.
NODE=$(kubectl get pods -l app=web -o jsonpath='{.items[0].spec.nodeName}')
kubeplay node fail $NODE
sleep 60
kubectl get nodes
sleep 300
kubectl get pods -l app=web -o wide
kubectl get events --field-selector reason=TaintManagerEviction

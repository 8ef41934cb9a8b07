# The seed lesson's bookstore: a LoadBalancer in front of a Deployment, which reaches postgres (a StatefulSet with a
# PersistentVolumeClaim) through a ClusterIP Service by its DNS name, configured by a ConfigMap and a Secret.
# Run it with: npm run sim -- sessions/bookstore.sh

kubeplay scenario apply bookstore
sleep 60
kubectl get all -n bookstore
kubectl get pvc -n bookstore
kubectl get pv

# Traffic from outside: the cloud load balancer's address, then kube-proxy spreads requests over the ready pods.
LB=$(kubectl get service bookstore -n bookstore -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
curl http://$LB/
curl http://$LB/
curl http://$LB/
curl http://$LB/
curl http://$LB/
curl http://$LB/
kubeplay iptables worker-1 bookstore -n bookstore

# The bookstore reaches postgres by its Service's DNS name (postgres speaks its own protocol, not HTTP).
WEB=$(kubectl get pods -n bookstore -l app=bookstore -o jsonpath='{.items[0].metadata.name}')
kubectl exec -n bookstore $WEB -- printenv DATABASE_HOST DATABASE_PORT
kubeplay curl postgres.bookstore.svc.cluster.local:5432 --from $WEB -n bookstore
kubectl logs postgres-0 -n bookstore --tail=1

# The database outlives its pod: the StatefulSet recreates postgres-0 with the same claim.
kubectl delete pod postgres-0 -n bookstore
sleep 30
kubectl get pods,pvc -n bookstore

# Autoscaling under load: the HPA follows CPU, scales up at once and down only after 5 minutes of calm.
kubectl autoscale deployment bookstore -n bookstore --cpu-percent=50 --min=3 --max=10
kubeplay load bookstore 300 -n bookstore
sleep 120
kubeplay load bookstore -n bookstore
kubectl top pods -n bookstore
kubectl get hpa -n bookstore
kubeplay load bookstore 0 -n bookstore
sleep 120
kubectl get hpa -n bookstore
sleep 300
kubectl get hpa -n bookstore
kubectl get deployment bookstore -n bookstore

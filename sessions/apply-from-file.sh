# kubectl -f paths are relative to the session file: this applies sessions/manifests/web-config.yaml
kubectl apply -f manifests/web-config.yaml
kubectl get configmap web-config -o yaml
# A pipe works too: the manifest goes to kubectl on stdin
cat manifests/web-config.yaml | kubectl apply -f -
kubectl delete -f manifests/web-config.yaml

kubectl apply -f web.yaml
for i in 0 1 2; do kubectl delete pod web-$i; done
kubectl get pods -l app=nginx -o wide

kubectl apply -f web.yaml
kubectl get pods
kubectl scale sts web --replicas=5
sleep 1m30s
kubectl rollout status sts web

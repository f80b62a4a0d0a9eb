# Scale the tutorial's set up and down, then roll out a new image with a canary first.
kubectl apply -f ../web/web.yaml
kubectl scale sts web --replicas=3
kubectl get pods -l app=nginx
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx-slim:0.9"}]'
kubectl get pod -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.spec.containers[0].image}{"\n"}{end}'
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'
kubectl rollout status sts/web
kubectl scale sts web --replicas=1
kubectl get pvc -l app=nginx

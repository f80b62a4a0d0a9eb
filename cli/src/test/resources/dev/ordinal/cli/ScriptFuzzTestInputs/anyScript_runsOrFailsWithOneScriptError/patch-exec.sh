kubectl apply -f web.yaml
kubectl patch sts web -p '{"spec":{"replicas":4}}'
kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'
kubectl exec web-0 -- sh -c "echo $(hostname)"

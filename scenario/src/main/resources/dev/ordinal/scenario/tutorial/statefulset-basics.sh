# StatefulSet basics: the Kubernetes tutorial (the Korean edition, "스테이트풀셋 기본"),
# transcribed command by command for `ordinal tutorial`. Each section starts with a marker;
# the "first terminal" of the tutorial is a `kubectl get pods -w` that keeps printing below.

# section: creating-a-statefulset
kubectl get pods -w -l app=nginx
kubectl apply -f web.yaml
kubectl get service nginx
kubectl get statefulset web

# section: pods-in-a-statefulset
kubectl get pods -l app=nginx
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
nslookup web-1.nginx
exit
kubectl get pod -w -l app=nginx
kubectl delete pod -l app=nginx
for i in 0 1; do kubectl exec web-$i -- sh -c 'hostname'; done
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm /bin/sh
nslookup web-0.nginx
nslookup web-1.nginx
exit

# section: writing-to-stable-storage
kubectl get pvc -l app=nginx
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'echo $(hostname) > /usr/share/nginx/html/index.html'; done
for i in 0 1; do kubectl exec -it "web-$i" -- curl localhost; done
for i in 0 1; do kubectl exec web-$i -- chmod 755 /usr/share/nginx/html; done
kubectl get pod -w -l app=nginx
kubectl delete pod -l app=nginx
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done

# section: scaling-up
kubectl get pods -w -l app=nginx
kubectl scale sts web --replicas=5

# section: scaling-down
kubectl get pods -w -l app=nginx
kubectl patch sts web -p '{"spec":{"replicas":3}}'
kubectl get pvc -l app=nginx

# section: rolling-update
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate"}}}'
kubectl get pod -l app=nginx -w
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"gcr.io/google_containers/nginx-slim:0.8"}]'
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl rollout status sts/web

# section: staging-an-update
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":3}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"k8s.gcr.io/nginx-slim:0.7"}]'
kubectl delete pod web-2
kubectl get pod web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'

# section: canary-rollout
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'
kubectl get po web-2 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'
kubectl delete pod web-1
kubectl get pod web-1 --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'

# section: phased-rollout
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}}}}'
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl rollout status statefulset/web

# section: on-delete
# The tutorial only describes OnDelete; these commands show it: a template change updates
# nothing until a pod is deleted, and rollout status has nothing to follow.
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
kubectl patch statefulset web --type=merge -p '{"spec":{"template":{"metadata":{"annotations":{"tutorial":"on-delete"}}}}}'
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"k8s.gcr.io/nginx-slim:0.8"}]'
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl delete pod web-2
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
kubectl rollout status sts/web

# section: non-cascading-delete
kubectl get pods -w -l app=nginx
kubectl delete statefulset web --cascade=false
kubectl get pods -l app=nginx
kubectl delete pod web-0
kubectl get pods -l app=nginx
kubectl get pods -w -l app=nginx
kubectl apply -f web.yaml
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done

# section: cascading-delete
kubectl get pods -w -l app=nginx
kubectl delete statefulset web
kubectl get pvc -l app=nginx
kubectl delete service nginx
kubectl apply -f web.yaml
for i in 0 1; do kubectl exec -i -t "web-$i" -- curl http://localhost/; done
kubectl delete service nginx
kubectl delete statefulset web

# section: parallel-pod-management
kubectl get pod -l app=nginx -w
kubectl apply -f web-parallel.yaml
kubectl scale statefulset/web --replicas=4

# section: cleanup
kubectl get pod -l app=nginx -w
kubectl delete sts web
kubectl delete svc nginx

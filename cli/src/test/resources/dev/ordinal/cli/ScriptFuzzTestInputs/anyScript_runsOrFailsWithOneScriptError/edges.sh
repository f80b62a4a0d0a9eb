echo "$(echo "$(hostname)")"
while true; do sleep 1; done
sleep 9223372036854775807h

#!/usr/bin/env bash
# Failover run on the todo example served as in load.sh: 4 readers read the list 150 times each
# while the standby is stopped (immediate shutdown, as a crash) and started again 4 s later; prints
# the HTTP statuses. Run as root. The times of the switches are in app.log (carafe.replica).
set -u
base=http://127.0.0.1:7091
out=$(mktemp -d)
reader() { for i in $(seq 1 150); do curl -s -o /dev/null -w "%{http_code}\n" $base/; done; }
for n in 1 2 3 4; do reader $n > $out/fo.$n & done
sleep 2
echo "stop $(date +%H:%M:%S.%N)"
su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/carafe-pg-replica/standby -m immediate -w stop" > /dev/null
sleep 4
echo "start $(date +%H:%M:%S.%N)"
su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D /tmp/carafe-pg-replica/standby -l /tmp/carafe-pg-replica/standby.log -o '-p 5443' -w -t 60 start" > /dev/null
echo "started $(date +%H:%M:%S.%N)"
wait
cat $out/fo.* | sort | uniq -c

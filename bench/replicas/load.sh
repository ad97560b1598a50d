#!/usr/bin/env bash
# Small load run on the todo example served on a replica set (see docs/replicas.md, "Measured"):
# 8 writers each add 3 todos and read the list 5 times after each with their cookie, checking that
# they see their own todo; 4 anonymous readers read the list 20 times. Start the app first:
#   .ci/topology/pg-replica start
#   CARAFE_DATABASE_URL=postgresql://postgres@127.0.0.1:5442/todo_measure \
#   CARAFE_REPLICA_URLS=postgresql://postgres@127.0.0.1:5443/todo_measure CARAFE_ECHO=true PORT=7091 \
#   java -jar examples/todo/target/carafe-example-todo.jar > app.log
# then count the statements per node in app.log: grep -c '\[default replica 127.0.0.1:5443\] select'.
set -u
base=http://127.0.0.1:7091
jars=$(mktemp -d)
writer() {
  local n=$1 jar=$jars/jar.$1 missing=0
  rm -f $jar
  for round in 1 2 3; do
    title="todo-$n-$round-$RANDOM"
    curl -s -c $jar -b $jar -o /dev/null --data-urlencode "title=$title" --data-urlencode "text=x" $base/new
    for i in $(seq 1 5); do
      curl -s -c $jar -b $jar $base/ | grep -q "$title" || missing=$((missing+1))
    done
  done
  echo "writer $n missing-own-writes=$missing"
}
reader() {
  for i in $(seq 1 20); do curl -s -o /dev/null -w "%{http_code}\n" $base/; done | sort | uniq -c | sed "s/^/reader $1 /"
}
for n in 1 2 3 4 5 6 7 8; do writer $n & done
for n in 1 2 3 4; do reader $n & done
wait

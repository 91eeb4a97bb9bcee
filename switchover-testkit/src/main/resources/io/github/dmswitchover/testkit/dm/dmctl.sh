#!/bin/sh
# dmctl stand-in of the switchover-testkit DM-master simulator: accepts dmctl's arguments
# (--master-addr, --ssl-ca/--ssl-cert/--ssl-key, the command and its flags) and prints what
# dmctl prints, answering from the simulated masters. Started with the client compiler only and
# the serial collector: each call is a short-lived JVM.
exec @JAVA@ -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp @CLASSPATH@ @MAIN@ "$@"

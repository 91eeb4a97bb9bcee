#!/bin/sh
# dmctl stand-in of the switchover-testkit DM-master simulator: accepts dmctl's arguments
# (--master-addr, --ssl-ca/--ssl-cert/--ssl-key, the command and its flags) and prints what
# dmctl prints, answering from the simulated masters.
exec @JAVA@ -cp @CLASSPATH@ @MAIN@ "$@"

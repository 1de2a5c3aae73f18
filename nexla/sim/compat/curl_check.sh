#!/bin/sh
# curl the simulator's main routes; prints status codes. Usage:
#   eval "$(nexla-tui sim | head -2 | sed 's/^/export /')" ; sh curl_check.sh
# Skips when NEXLA_API_URL/NEXLA_SERVICE_KEY are unset or curl is missing.
set -eu
command -v curl >/dev/null || { echo "SKIP: no curl"; exit 0; }
[ -n "${NEXLA_API_URL:-}" ] && [ -n "${NEXLA_SERVICE_KEY:-}" ] || { echo "SKIP: start nexla-tui sim first"; exit 0; }
U=$NEXLA_API_URL
ACC='Accept: application/vnd.nexla.api.v1+json'
TOK=$(curl -s -X POST -H "Authorization: Basic $NEXLA_SERVICE_KEY" -H "$ACC" "$U/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
AUTH="Authorization: Bearer $TOK"
S=$(curl -s "$U/__sim/scenarios")
id() { echo "$S" | tr '{' '\n' | grep "\"key\":\"$1\"" | head -1 | sed "s/.*\"$2\":\([0-9]*\).*/\1/"; }
FLOW=$(id credential_expired flow_id); SRC=$(id credential_expired source_id); CRED=$(id credential_expired credential_id)
SET=$(id transform_error nexset_id); SINK=$(id healthy sink_id)
UNREAD=$(id credential_unreadable credential_id); NEVER=$(id never_run flow_id); SHARED=$(id shared_upstream_failing flow_id)
fail=0
check() { # expected-status method path
  got=$(curl -s -o /dev/null -w '%{http_code}' -X "$2" -H "$AUTH" -H "$ACC" -H 'Content-Type: application/json' "$U$3")
  if [ "$got" = "$1" ]; then echo "ok   $got $2 $3"; else echo "FAIL $got (want $1) $2 $3"; fail=1; fi
}
check 200 GET /users/current
check 200 GET "/data_sources?page=1&per_page=5"
check 200 GET "/data_sets?access_role=all"
check 200 GET /data_sinks/$SINK?expand=1
check 200 GET /data_credentials
check 200 GET "/flows?flows_only=1&include_run_metrics=1"
check 200 GET /flows/$FLOW
check 200 GET /data_sources/$SRC/flow
check 200 GET "/data_sources/$SRC/metrics?from=2020-01-01&aggregate=1"
check 200 GET "/data_sources/$SRC/metrics/run_summary?page=1&size=5"
check 200 GET "/data_flows/data_sources/$SRC/metrics?from=2020-01-01"
check 200 GET "/data_sources/$SRC/flow/metrics?from=2020-01-01"
check 200 GET "/flows/$FLOW/metrics?from=2020-01-01&groupby=runId"
check 200 GET "/data_flows/data_sources/$SRC/logs?from=0"
check 200 GET "/data_sources/$SRC/flow/logs?severity=ERROR"
check 200 GET "/flows/$FLOW/logs?from=1"
check 200 GET /flows/$FLOW/run_status/latest
check 403 GET /data_credentials/$CRED/probe
check 200 GET /data_sets/$SET/samples?include_metadata=False
check 200 GET /flows/$FLOW/accessors
check 200 GET /flows/$FLOW/audit_log
check 200 GET /data_credentials/$CRED/audit_log
check 200 GET /notifications
check 200 GET "/notifications/count?read=0"
check 200 GET /limits
check 403 GET /data_credentials/$UNREAD/probe
check 403 GET /data_credentials/$UNREAD
check 200 GET "/flows?access_role=collaborator"
check 200 GET /flows/$NEVER
check 200 GET /flows/$SHARED
check 404 GET /data_sources/999999999
check 404 GET /no_such_route
check 400 GET "/data_sources?per_page=abc"
# A failing metrics service fails include_run_metrics reads only.
curl -s -o /dev/null -X PUT -d '{"metrics_status":503}' "$U/__sim/faults"
check 503 GET "/flows?include_run_metrics=1"
check 200 GET /flows
curl -s -o /dev/null -X PUT -d '{}' "$U/__sim/faults"
exit $fail

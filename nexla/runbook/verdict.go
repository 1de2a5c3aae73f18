package runbook

// Verdict is the one healthy-or-not judgement of a flow. doctor's exit
// status (Report.Healthy), health's exit status and HEALTH column
// (FlowHealth.Healthy) and the screens all come from it, so the commands
// agree on every flow:
//   - worst is the severity of the top finding or cause. Info is a note (a
//     few failed runs under the threshold, a name clash, or that the caller
//     may not pause/activate the flow: a limit on the fix step, not on the
//     flow's health), so it does not make a flow unhealthy.
//   - evidenceRead is false when the run metrics could not be read: a flow
//     whose runs are unknown is never called healthy (never false calm).
func Verdict(worst Severity, evidenceRead bool) bool {
	return evidenceRead && worst <= SeverityInfo
}

#!/usr/bin/env bash
# make bench: the performance figures of the issues, one line each, in a stable form
#   figure<TAB>value<TAB>unit
# from the Go benchmarks (full output kept in bench.log). Never part of `make test`.
# ATELIER_LEDGER_ROWS=1000000 makes the ledger smaller (the issue's figure is 10,000,000 rows).
set -euo pipefail
cd "$(dirname "$0")/.."
log=bench.log
: > "$log"
echo -e "nproc\t$(nproc)\tcores"
echo -e "load-average\t$(cut -d' ' -f1 /proc/loadavg)\t(1 min, at start)"

run() { # package, benchmark regexp, benchtime
	go test -run '^$' -bench "$2" -benchtime "$3" -benchmem -count=1 -timeout 60m "$1" 2>&1 | tee -a "$log"
}

# "BenchmarkName-2  N  123 ns/op  4.5 MB/s  7 x/y" -> one line per figure.
figures() {
	awk '/^Benchmark/ {
		name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
		for (i = 3; i < NF; i += 2) {
			v = $i; u = $(i + 1)
			if (u == "ns/op") { printf "%s\t%.3f\tms/op\n", name, v / 1e6 } else { printf "%s\t%s\t%s\n", name, v, u }
		}
	}
	/^(ledger-|page views|followers|first visit|presentation start|views:|questions|chart drawing)/ { print "# " $0 }'
}

{
	run ./datasets/ 'BenchmarkLedgerImport$|BenchmarkLedgerRead$|BenchmarkReopen$' 1x
	run ./datasets/ 'BenchmarkRead$' 10x
	run ./datasets/query/ 'BenchmarkGroupBy$|BenchmarkFilterGroupTop$|BenchmarkFilterTopRows$' 10x
	run ./charts/ 'BenchmarkPageOfTenCharts$|BenchmarkCachedChart$' 5x
	run ./notebooks/ 'BenchmarkRenderWorstCase$' 3x
	run ./internal/web/ 'BenchmarkPageViews$|BenchmarkFollowers$|BenchmarkPresentationStarts$|BenchmarkAnonymousViews$' 1x
	run ./internal/web/ 'BenchmarkQuestionRoom$' 1x
	run ./cmd/atelier/ 'BenchmarkFirstVisit$' 3x
	run ./internal/chartsvg/ 'BenchmarkDrawWarm$' 20x
	run ./cmd/atelier/ 'BenchmarkPhoneFirstVisit$' 1x
} | figures

package query

import (
	"testing"
	"time"
)

// TestCivilMatchesTime checks the day-number arithmetic of date buckets against the time
// package, across five millennia either side of 1970.
func TestCivilMatchesTime(t *testing.T) {
	for d := int64(-800_000); d <= 800_000; d += 37 {
		tm := time.Unix(d*86400, 0).UTC()
		y, m, day := civil(d)
		if y != int64(tm.Year()) || m != int64(tm.Month()) || day != int64(tm.Day()) {
			t.Fatalf("civil(%d) = %d-%d-%d, want %s", d, y, m, day, tm.Format("2006-01-02"))
		}
		if back := daysFromCivil(y, m, day); back != d {
			t.Fatalf("daysFromCivil(%d, %d, %d) = %d, want %d", y, m, day, back, d)
		}
		wd := int64(tm.Weekday())
		if wd == 0 {
			wd = 7
		}
		if got := weekdayBucket.of(d); got != wd {
			t.Fatalf("weekday of %s = %d, want %d", tm.Format("2006-01-02"), got, wd)
		}
	}
}

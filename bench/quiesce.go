package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// quiesce waits, for up to half a minute, until the machine's CPUs have been mostly idle for half
// a second: after seeding or a write load, PostgreSQL's checkpoints and autovacuum, and the
// services' own catch-up, would otherwise land in the next figure's window and not its ceiling's.
func quiesce() {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		idle, err := idleShare(500 * time.Millisecond)
		if err != nil || idle >= 0.85 {
			return
		}
	}
	step("the machine stayed busy for 30s; measuring anyway")
}

// idleShare is the fraction of CPU time spent idle over d, from /proc/stat.
func idleShare(d time.Duration) (float64, error) {
	idle0, total0, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	time.Sleep(d)
	idle1, total1, err := cpuTimes()
	if err != nil {
		return 0, err
	}
	if total1 == total0 {
		return 1, nil
	}
	return float64(idle1-idle0) / float64(total1-total0), nil
}

// cpuTimes reads the aggregate "cpu" line: idle (idle + iowait) and total jiffies.
func cpuTimes() (idle, total uint64, err error) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		return 0, 0, fmt.Errorf("/proc/stat is empty")
	}
	fields := strings.Fields(sc.Text())
	if len(fields) < 6 || fields[0] != "cpu" {
		return 0, 0, fmt.Errorf("/proc/stat: unexpected first line %q", sc.Text())
	}
	for i, f := range fields[1:] {
		v, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return 0, 0, err
		}
		total += v
		if i == 3 || i == 4 { // idle, iowait
			idle += v
		}
	}
	return idle, total, nil
}

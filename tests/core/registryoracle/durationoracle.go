// durationoracle answers, one line per input line, what Go's time package says: "P <text>" prints
// ParseDuration's nanoseconds or "ERR <message>", "F <ns>" prints Duration.String().
package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		line := in.Text()
		if len(line) > 2 && line[:2] == "F " {
			n, _ := strconv.ParseInt(line[2:], 10, 64)
			fmt.Println(time.Duration(n).String())
			continue
		}
		d, err := time.ParseDuration(line[2:])
		if err != nil {
			fmt.Println("ERR", err.Error())
		} else {
			fmt.Println(int64(d))
		}
	}
}

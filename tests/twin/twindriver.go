// Command twindriver runs the Docker registry's own notification dispatcher,
// github.com/docker/distribution/notifications 2.8.2 as Debian packages it
// (golang-github-docker-distribution-dev), over one case of the differential
// test tests/twin/twin.py, and prints the endpoints' metrics as one JSON line.
//
// It builds exactly what the registry builds in registry/handlers/app.go
// configureEvents: one notifications.NewEndpoint per configured endpoint and a
// notifications.NewBroadcaster over them. Each event is written on its own, as
// the registry's bridge writes them (one Broadcaster.Write per event).
//
// Usage: twindriver CASE.json   (or the case JSON itself as the argument)
//
//	{"endpoints": [{"name": "a", "url": "http://127.0.0.1:P/x",
//	                "headers": {"K": ["v1", "v2"]}, "timeout": "300ms",
//	                "threshold": 3, "backoff": "200ms",
//	                "ignoredmediatypes": [],
//	                "ignore": {"mediatypes": [], "actions": []}}],
//	 "events": "ENVELOPE.json", "limit": "10s"}
//
// Durations are Go durations, as the registry's YAML gives them; a missing or
// non-positive value is the library's default (EndpointConfig.defaults).
// Headers keep their keys exactly as written: the registry's YAML decoder
// fills http.Header without canonicalising them either.
//
// Output: {"endpoints": [{"name": ..., "Pending": ..., "Events": ...,
// "Successes": ..., "Failures": ..., "Errors": ..., "Statuses": {...}}],
// "drained": bool, "elapsed_ms": float}
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/docker/distribution/configuration"
	"github.com/docker/distribution/notifications"
	"github.com/sirupsen/logrus"
)

type endpointCase struct {
	Name              string              `json:"name"`
	URL               string              `json:"url"`
	Headers           map[string][]string `json:"headers"`
	Timeout           string              `json:"timeout"`
	Threshold         int                 `json:"threshold"`
	Backoff           string              `json:"backoff"`
	IgnoredMediaTypes []string            `json:"ignoredmediatypes"`
	Ignore            struct {
		MediaTypes []string `json:"mediatypes"`
		Actions    []string `json:"actions"`
	} `json:"ignore"`
}

type testCase struct {
	Endpoints []endpointCase `json:"endpoints"`
	Events    string         `json:"events"`
	Limit     string         `json:"limit"`
}

// result is one endpoint's line: its name and exactly the fields of
// notifications.EndpointMetrics, under their Go names (as expvar shows them).
type result struct {
	Name string `json:"name"`
	notifications.EndpointMetrics
}

func duration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return time.ParseDuration(s)
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "twindriver: "+format+"\n", args...)
	os.Exit(2)
}

func readCase(arg string) testCase {
	data := []byte(arg)
	if !strings.HasPrefix(strings.TrimSpace(arg), "{") {
		var err error
		if data, err = os.ReadFile(arg); err != nil {
			fail("%v", err)
		}
	}
	var c testCase
	if err := json.Unmarshal(data, &c); err != nil {
		fail("case: %v", err)
	}
	return c
}

func main() {
	if len(os.Args) != 2 {
		fail("usage: twindriver CASE.json|'{...}'")
	}
	c := readCase(os.Args[1])
	limit, err := duration(c.Limit)
	if err != nil || limit <= 0 {
		limit = 10 * time.Second
	}

	raw, err := os.ReadFile(c.Events)
	if err != nil {
		fail("%v", err)
	}
	var envelope notifications.Envelope
	if err := json.Unmarshal(raw, &envelope); err != nil {
		fail("events %s: %v", c.Events, err)
	}

	// The library logs every failed attempt through logrus; the runner only
	// needs the metrics, but the log helps when a case is investigated.
	logrus.SetOutput(os.Stderr)
	if os.Getenv("TWIN_GO_LOG") == "" {
		logrus.SetOutput(io.Discard)
	}

	var endpoints []*notifications.Endpoint
	var sinks []notifications.Sink
	for _, ec := range c.Endpoints {
		timeout, err := duration(ec.Timeout)
		if err != nil {
			fail("endpoint %s: timeout: %v", ec.Name, err)
		}
		backoff, err := duration(ec.Backoff)
		if err != nil {
			fail("endpoint %s: backoff: %v", ec.Name, err)
		}
		var headers http.Header
		if ec.Headers != nil {
			headers = http.Header(ec.Headers)
		}
		ep := notifications.NewEndpoint(ec.Name, ec.URL, notifications.EndpointConfig{
			Timeout:           timeout,
			Threshold:         ec.Threshold,
			Backoff:           backoff,
			Headers:           headers,
			IgnoredMediaTypes: ec.IgnoredMediaTypes,
			Ignore: configuration.Ignore{
				MediaTypes: ec.Ignore.MediaTypes,
				Actions:    ec.Ignore.Actions,
			},
		})
		endpoints = append(endpoints, ep)
		sinks = append(sinks, ep)
	}
	bc := notifications.NewBroadcaster(sinks...)

	start := time.Now()
	for _, ev := range envelope.Events {
		if err := bc.Write(ev); err != nil {
			fail("write: %v", err)
		}
	}

	pending := func() int {
		n := 0
		for _, ep := range endpoints {
			var m notifications.EndpointMetrics
			ep.ReadMetrics(&m)
			n += m.Pending
		}
		return n
	}
	// Drained: nothing pending at two reads 100 ms apart (the broadcaster
	// hands the last event to the queues asynchronously), or the case's limit.
	drained := false
	deadline := start.Add(limit)
	for time.Now().Before(deadline) {
		if pending() == 0 {
			time.Sleep(100 * time.Millisecond)
			if pending() == 0 {
				drained = true
				break
			}
			continue
		}
		time.Sleep(10 * time.Millisecond)
	}
	elapsed := time.Since(start)

	out := struct {
		Endpoints []result `json:"endpoints"`
		Drained   bool     `json:"drained"`
		ElapsedMs float64  `json:"elapsed_ms"`
	}{Drained: drained, ElapsedMs: float64(elapsed.Microseconds()) / 1000}
	for _, ep := range endpoints {
		r := result{Name: ep.Name()}
		ep.ReadMetrics(&r.EndpointMetrics)
		out.Endpoints = append(out.Endpoints, r)
	}
	line, err := json.Marshal(out)
	if err != nil {
		fail("%v", err)
	}
	fmt.Println(string(line))
	os.Stdout.Sync()

	// Close flushes the queues, so it returns only when nothing is pending;
	// a stuck queue (a poison head) would block it forever, as it blocks the
	// registry's shutdown. Give it a moment, then exit either way.
	if drained {
		done := make(chan struct{})
		go func() { bc.Close(); close(done) }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
	os.Exit(0)
}

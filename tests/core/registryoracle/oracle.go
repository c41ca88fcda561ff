// registryoracle prints how docker/distribution 2.8.2 itself reads a config file's notifications
// section (configuration.Parse, then notifications.NewEndpoint for the defaults) as JSON, so
// hookscope's loader can be compared with the real thing. See run.sh.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/docker/distribution/configuration"
	"github.com/docker/distribution/notifications"
)

type header struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

type endpoint struct {
	Name              string   `json:"name"`
	Disabled          bool     `json:"disabled"`
	URL               string   `json:"url"`
	Headers           []header `json:"headers"`
	TimeoutNs         int64    `json:"timeoutNs"`
	Threshold         int      `json:"threshold"`
	BackoffNs         int64    `json:"backoffNs"`
	IgnoredMediaTypes []string `json:"ignoredmediatypes"`
	IgnoreMediaTypes  []string `json:"ignoreMediaTypes"`
	IgnoreActions     []string `json:"ignoreActions"`
}

func main() {
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Println(`{"error": "open"}`)
		return
	}
	config, err := configuration.Parse(f)
	out := map[string]interface{}{}
	if err != nil {
		out["error"] = err.Error()
	} else {
		out["includereferences"] = config.Notifications.EventConfig.IncludeReferences
		list := []endpoint{}
		for _, e := range config.Notifications.Endpoints {
			// The registry skips disabled endpoints; the values are still what it parsed.
			effective := notifications.NewEndpoint(e.Name, e.URL, notifications.EndpointConfig{
				Headers: e.Headers, Timeout: e.Timeout, Threshold: e.Threshold, Backoff: e.Backoff,
				IgnoredMediaTypes: e.IgnoredMediaTypes, Ignore: e.Ignore,
			})
			ep := endpoint{Name: e.Name, Disabled: e.Disabled, URL: e.URL,
				TimeoutNs: int64(effective.Timeout), Threshold: effective.Threshold,
				BackoffNs: int64(effective.Backoff), IgnoredMediaTypes: e.IgnoredMediaTypes,
				IgnoreMediaTypes: e.Ignore.MediaTypes, IgnoreActions: e.Ignore.Actions}
			for name, values := range e.Headers {
				ep.Headers = append(ep.Headers, header{name, values})
			}
			list = append(list, ep)
		}
		out["endpoints"] = list
	}
	encoded, _ := json.Marshal(out)
	fmt.Println(string(encoded))
}

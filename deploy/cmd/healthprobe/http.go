package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// checkHTTP treats any 2xx as healthy, as a Kubernetes HTTP probe does (which also accepts 3xx;
// the gateway's health endpoints never redirect, so a redirect here means a wrong URL).
func checkHTTP(ctx context.Context, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("http %s: %w", url, err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("http %s: %w", url, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("http %s: %s", url, resp.Status)
	}
	return nil
}

package portal

import (
	"net/http"
	"net/http/httptest"
)

func httptestRequest(acceptLanguage string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/portal/", nil)
	if acceptLanguage != "" {
		r.Header.Set("Accept-Language", acceptLanguage)
	}
	return r
}

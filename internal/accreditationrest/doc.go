// Package accreditationrest walks an application's whole life over the REST gateway, with the
// accreditation service behind it. It lives in the root module because it runs the gateway, and
// a service's own module imports nothing of the repository but gen and platform.
package accreditationrest

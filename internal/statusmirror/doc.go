// Package statusmirror proves, with the registry and the accreditation service running side by
// side as in production, that a consultative status granted by the accreditation service shows
// on the registry's organization. It lives in the root module because it runs two services,
// and a service's own module imports no other service.
package statusmirror

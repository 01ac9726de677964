// Package e2e tests the portal end to end: the three services run in process with their
// demo data, and the portal is driven over HTTP and in headless Chromium. It is a module
// of its own so that the portal module, which the gateway imports, does not depend on the
// services themselves.
package e2e

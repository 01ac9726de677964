package devsystem

// AdminListenersForTest exposes adminListeners to the external test package.
var AdminListenersForTest = adminListeners

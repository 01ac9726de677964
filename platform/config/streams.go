package config

// StreamLimits bound the long-lived streams (WatchStatusChanges) a service keeps open: each holds
// a goroutine and a database reader, so one caller or one connection must not open without end.
// 0 means unlimited.
type StreamLimits struct {
	// PerCaller counts a token subject's streams over all its connections.
	PerCaller int `env:"PER_CALLER" envDefault:"16"`
	// PerConnection counts the streams of one client connection, whoever opened them.
	PerConnection int `env:"PER_CONNECTION" envDefault:"32"`
}

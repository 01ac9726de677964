package telemetry

// SamplerFromEnv lets the external tests inspect what the environment selects.
var SamplerFromEnv = samplerFromEnv

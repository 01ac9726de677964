// Package domain holds the registry's vocabulary and rules: organizations and their profiles, NGO
// committees, focal points and partnerships, with the checks every write must pass. It knows nothing of
// protobuf, SQL or the network, so the rules read the same wherever a profile comes from.
package domain

// Package domain holds the rules of ECOSOC consultative status: the
// application workflow and who may move it, the Committee's questions and
// deferrals, ECOSOC's decisions, and the status of record with its
// quadrennial reporting duties. It does no I/O and knows nothing of
// protobuf, so every rule can be tested as plain Go.
//
// Sources for the rules are cited next to the code that applies them; they
// come from the domain research notes (resolution 1996/31, resolution
// 2008/4, the NGO Branch's published procedures and the Committee's
// session reports).
package domain

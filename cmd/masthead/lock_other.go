//go:build !unix

package main

// lockSQLite does nothing where flock is missing; there, running one server
// per SQLite file is up to the operator.
func lockSQLite(string) (func(), error) { return func() {}, nil }

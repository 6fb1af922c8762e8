package main

func genActors(shared, out string) error { return nil }

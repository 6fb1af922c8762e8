package main

import (
	"bufio"
	"encoding/json"
	"os"

	"github.com/heraldnews/herald/extract"
)

// eventInputs turns the PLOVER gold file into one text input per sentence, named by id.
func eventInputs(goldFile string) ([]extract.Input, error) {
	f, err := os.Open(goldFile)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ins []extract.Input
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, err
		}
		ins = append(ins, extract.Input{Path: r.ID + ".txt", Format: extract.FormatText, Data: []byte(r.Text + "\n")})
	}
	return ins, sc.Err()
}

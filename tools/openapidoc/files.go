package main

import (
	"regexp"
	"strings"
)

// contentType finds the sentence of an operation's description that names the media types of
// its answer: `Content-Type: text/calendar; charset=utf-8`, or "with the Content-Type it was
// uploaded as: application/pdf or ...".
var contentType = regexp.MustCompile(`(?i)content-type.*?(?:\.\s|\)|$)`)

var mediaType = regexp.MustCompile(`\b(?:application|text|image|audio|video)/[a-z0-9+-]+(?:\.[a-z0-9+-]+)*`)

// describeFileResponses gives each operation that answers a file (google.api.HttpBody) its
// real media types with a binary schema, instead of the JSON wrapper the generator assumes:
// the edge writes the file's bytes with the file's own Content-Type.
func describeFileResponses(paths obj) {
	operations(paths, func(_, _ string, op obj) {
		responses, _ := op["responses"].(obj)
		ok200, _ := responses["200"].(obj)
		content, _ := ok200["content"].(obj)
		media, _ := content["application/json"].(obj)
		schema, _ := media["schema"].(obj)
		if schema == nil || schema["$ref"] != schemaPrefix+"google.api.HttpBody" {
			return
		}
		text, _ := op["summary"].(string)
		desc, _ := op["description"].(string)
		text += "\n" + desc
		var types []string
		for _, m := range contentType.FindAllStringSubmatch(strings.ReplaceAll(text, "\n", " "), -1) {
			types = append(types, mediaType.FindAllString(m[0], -1)...)
		}
		if len(types) == 0 {
			types = []string{"application/octet-stream"}
		}
		files := obj{}
		for _, t := range types {
			files[t] = obj{"schema": obj{"type": "string", "contentMediaType": t}}
		}
		ok200["content"] = files
	})
}

// dropUnusedHttpBody removes the wrapper schema once no operation points at it.
func dropUnusedHttpBody(doc, schemas obj) {
	if !strings.Contains(mustJSON(doc["paths"]), schemaPrefix+"google.api.HttpBody\"") {
		delete(schemas, "google.api.HttpBody")
	}
}

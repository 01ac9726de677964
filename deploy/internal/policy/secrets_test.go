package policy

import "testing"

func TestDocumentedSecretKeysReadsOnlyItsTable(t *testing.T) {
	readme := "# Guide\n\n| Secret | key |\n| --- | --- |\n| `elsewhere` | `ignored` |\n\n" +
		SecretKeysHeading + "\n\nText.\n\n| Secret | key | read by |\n| --- | --- | --- |\n" +
		"| `liaison-secrets` | `database-url` | services |\n| `liaison-tls` | `tls.crt` | Ingress |\n" +
		"\n## Next\n\n| `after` | `ignored` |\n"
	got, err := DocumentedSecretKeys(readme)
	if err != nil {
		t.Fatal(err)
	}
	want := map[SecretRef]bool{{"liaison-secrets", "database-url"}: true, {"liaison-tls", "tls.crt"}: true}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missing %s", k)
		}
	}
}

func TestDocumentedSecretKeysWantsATable(t *testing.T) {
	if _, err := DocumentedSecretKeys("# Guide\n\nNo secrets here.\n"); err == nil {
		t.Fatal("a guide without the table must be an error, or every reference would pass unchecked")
	}
}

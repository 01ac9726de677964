package policy

import (
	"bufio"
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// SecretKeysHeading is the heading in deploy/README.md above the table of Secret keys an
// operator must provide. The table is the one list: the manifests may reference no other key.
const SecretKeysHeading = "### Secret keys"

// tableRow matches a Markdown table row whose first two cells are `secret` and `key`.
var tableRow = regexp.MustCompile("^\\|\\s*`([a-z0-9.-]+)`\\s*\\|\\s*`([A-Za-z0-9._-]+)`\\s*\\|")

// DocumentedSecretKeys reads the Secret keys table under SecretKeysHeading in the operator guide.
func DocumentedSecretKeys(readme string) (map[SecretRef]bool, error) {
	keys := map[SecretRef]bool{}
	in := false
	sc := bufio.NewScanner(strings.NewReader(readme))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") {
			in = line == SecretKeysHeading
			continue
		}
		if !in {
			continue
		}
		if m := tableRow.FindStringSubmatch(line); m != nil {
			keys[SecretRef{m[1], m[2]}] = true
		}
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("no table rows of `secret` | `key` under %q", SecretKeysHeading)
	}
	return keys, nil
}

// CheckSecretRefs finds every reference to a Secret in objs (secretKeyRef, envFrom, volumes,
// image pull secrets, Ingress TLS) and reports those the operator guide does not document. A
// whole-Secret reference must name a Secret that has at least one documented key.
func CheckSecretRefs(objs []manifest.Object, documented map[SecretRef]bool) []string {
	var f findings
	secretDocumented := func(name string) bool {
		for r := range documented {
			if r.Secret == name {
				return true
			}
		}
		return false
	}
	for _, p := range Pods(objs) {
		for _, c := range append(append([]corev1.Container{}, p.Spec.InitContainers...), p.Spec.Containers...) {
			for _, e := range c.Env {
				if e.ValueFrom == nil || e.ValueFrom.SecretKeyRef == nil {
					continue
				}
				ref := SecretRef{e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key}
				if !documented[ref] {
					f.add(p.Ref()+" container "+c.Name, fmt.Sprintf("env %s reads Secret key %s, which deploy/README.md does not document", e.Name, ref))
				}
			}
			for _, from := range c.EnvFrom {
				if from.SecretRef != nil && !secretDocumented(from.SecretRef.Name) {
					f.add(p.Ref()+" container "+c.Name, fmt.Sprintf("envFrom Secret %q is not documented", from.SecretRef.Name))
				}
			}
		}
		for _, v := range p.Spec.Volumes {
			if v.Secret != nil && !secretDocumented(v.Secret.SecretName) {
				f.add(p.Ref(), fmt.Sprintf("volume %s mounts Secret %q, which is not documented", v.Name, v.Secret.SecretName))
			}
		}
		for _, ps := range p.Spec.ImagePullSecrets {
			if !secretDocumented(ps.Name) {
				f.add(p.Ref(), fmt.Sprintf("image pull Secret %q is not documented", ps.Name))
			}
		}
	}
	for _, ing := range All[*networkingv1.Ingress](objs) {
		for _, t := range ing.Spec.TLS {
			if t.SecretName != "" && !secretDocumented(t.SecretName) {
				f.add("Ingress/"+ing.Name, fmt.Sprintf("TLS Secret %q is not documented", t.SecretName))
			}
		}
	}
	// A generated Secret (dev) must carry exactly the documented keys, so a key added to one and
	// not the other is caught on a laptop rather than at a production deploy.
	for _, s := range All[*corev1.Secret](objs) {
		if !secretDocumented(s.Name) {
			f.add("Secret/"+s.Name, "is not documented in deploy/README.md")
			continue
		}
		for k := range s.Data {
			if !documented[SecretRef{s.Name, k}] {
				f.add("Secret/"+s.Name, fmt.Sprintf("key %s is not documented", k))
			}
		}
		for r := range documented {
			if _, ok := s.Data[r.Key]; r.Secret == s.Name && !ok {
				f.add("Secret/"+s.Name, fmt.Sprintf("lacks the documented key %s", r.Key))
			}
		}
	}
	return f
}

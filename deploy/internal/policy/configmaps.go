package policy

import (
	"net/url"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// credentialKey names a setting that holds a credential by its name.
var credentialKey = regexp.MustCompile(`(?i)(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_KEY|API_KEY|CREDENTIAL)`)

// CheckConfigMaps refuses a credential kept in a ConfigMap, which anyone allowed to read the
// namespace's configuration can see and which lands in every `kubectl get -o yaml`: a key named
// like one, or a URL that carries a password (a database URL pasted into liaison.env).
func CheckConfigMaps(objs []manifest.Object) []string {
	var f findings
	for _, cm := range All[*corev1.ConfigMap](objs) {
		for key, value := range cm.Data {
			if credentialKey.MatchString(key) && strings.TrimSpace(value) != "" {
				f.add("ConfigMap/"+cm.Name, "key "+key+" holds a credential; keep it in a Secret")
				continue
			}
			if u, err := url.Parse(strings.TrimSpace(value)); err == nil && u.User != nil {
				if _, has := u.User.Password(); has {
					f.add("ConfigMap/"+cm.Name, "key "+key+" is a URL with a password; keep it in a Secret")
				}
			}
		}
	}
	return f
}

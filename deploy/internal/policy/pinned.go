package policy

import (
	"fmt"
	"path"
	"regexp"
	"slices"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// pinnedImage is name:tag@sha256:digest: the digest decides what runs, the tag tells a reader
// what it is.
var pinnedImage = regexp.MustCompile(`^[^@\s]+:[^@:/\s]+@sha256:[0-9a-f]{64}$`)

// CheckImagesPinned wants every image that is not a liaison build pinned by digest with its tag
// beside it, so that a tag moved upstream cannot change what a cluster runs; deploy/pin-images.sh
// resolves the digests and bumps them.
func CheckImagesPinned(objs []manifest.Object) []string {
	var f findings
	for _, p := range Pods(objs) {
		for _, c := range append(slices.Clone(p.Spec.InitContainers), p.Spec.Containers...) {
			if isLiaisonImage(c.Image) || pinnedImage.MatchString(c.Image) {
				continue
			}
			f.add(p.Ref()+" container "+c.Name, fmt.Sprintf("image %q is not pinned as name:tag@sha256:<digest> (deploy/pin-images.sh)", c.Image))
		}
	}
	return f
}

func isLiaisonImage(image string) bool {
	name := path.Base(imageRepository(image))
	_, ok := BinaryNamed(name)
	return ok || slices.Contains(DevImages, name)
}

package policy

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/un-liaison/liaison/deploy/internal/manifest"
)

// Pod is the pod template of one workload, with what the checks need to know about its owner.
type Pod struct {
	Kind     string
	Name     string
	Labels   map[string]string
	Spec     corev1.PodSpec
	Replicas *int32 // nil for Jobs, and for Deployments left to an autoscaler
}

// Ref names the workload in findings, as kubectl would: Deployment/registry.
func (p Pod) Ref() string { return p.Kind + "/" + p.Name }

// LongRunning is true for workloads that serve until stopped and so need probes; a Job's
// container runs to completion and is judged by its exit code.
func (p Pod) LongRunning() bool {
	switch p.Kind {
	case "Deployment", "StatefulSet", "DaemonSet":
		return true
	}
	return false
}

// Container returns the container called name.
func (p Pod) Container(name string) (corev1.Container, bool) {
	for _, c := range p.Spec.Containers {
		if c.Name == name {
			return c, true
		}
	}
	return corev1.Container{}, false
}

// Pods lists the pod templates of every workload among objs.
func Pods(objs []manifest.Object) []Pod {
	var pods []Pod
	for _, o := range objs {
		switch w := o.Typed.(type) {
		case *appsv1.Deployment:
			pods = append(pods, Pod{o.Kind, o.Name, w.Spec.Template.Labels, w.Spec.Template.Spec, w.Spec.Replicas})
		case *appsv1.StatefulSet:
			pods = append(pods, Pod{o.Kind, o.Name, w.Spec.Template.Labels, w.Spec.Template.Spec, w.Spec.Replicas})
		case *appsv1.DaemonSet:
			pods = append(pods, Pod{o.Kind, o.Name, w.Spec.Template.Labels, w.Spec.Template.Spec, nil})
		case *batchv1.Job:
			pods = append(pods, Pod{o.Kind, o.Name, w.Spec.Template.Labels, w.Spec.Template.Spec, nil})
		case *batchv1.CronJob:
			t := w.Spec.JobTemplate.Spec.Template
			pods = append(pods, Pod{o.Kind, o.Name, t.Labels, t.Spec, nil})
		case *corev1.Pod:
			pods = append(pods, Pod{o.Kind, o.Name, w.Labels, w.Spec, nil})
		}
	}
	return pods
}

// PodOf returns the pod template of the workload kind/name.
func PodOf(objs []manifest.Object, kind, name string) (Pod, bool) {
	for _, p := range Pods(objs) {
		if p.Kind == kind && p.Name == name {
			return p, true
		}
	}
	return Pod{}, false
}

// Find returns the object of kind called name, typed as T.
func Find[T any](objs []manifest.Object, kind, name string) (T, bool) {
	for _, o := range objs {
		if o.Kind == kind && o.Name == name {
			if t, ok := o.Typed.(T); ok {
				return t, true
			}
		}
	}
	var zero T
	return zero, false
}

// All returns every object of type T.
func All[T any](objs []manifest.Object) []T {
	var out []T
	for _, o := range objs {
		if t, ok := o.Typed.(T); ok {
			out = append(out, t)
		}
	}
	return out
}

// SecretRef names one key of one Secret.
type SecretRef struct{ Secret, Key string }

func (r SecretRef) String() string { return r.Secret + "/" + r.Key }

// Env is a container's environment as the kubelet would assemble it: envFrom first, then env,
// later entries winning. Values that come from a Secret keep where they come from, and their
// value too when the Secret is among the rendered objects (dev generates its own).
type Env map[string]EnvValue

// EnvValue is one resolved variable.
type EnvValue struct {
	Value  string
	Secret *SecretRef // set when the value comes from a secretKeyRef
}

// ResolveEnv assembles c's environment from the ConfigMaps and Secrets among objs. A reference to
// a ConfigMap that is not rendered is an error: the pod would not start.
func ResolveEnv(objs []manifest.Object, c corev1.Container) (Env, error) {
	env := Env{}
	for _, from := range c.EnvFrom {
		switch {
		case from.ConfigMapRef != nil:
			cm, ok := Find[*corev1.ConfigMap](objs, "ConfigMap", from.ConfigMapRef.Name)
			if !ok {
				return nil, fmt.Errorf("envFrom ConfigMap %q is not part of the manifests", from.ConfigMapRef.Name)
			}
			for k, v := range cm.Data {
				env[from.Prefix+k] = EnvValue{Value: v}
			}
		case from.SecretRef != nil:
			return nil, fmt.Errorf("envFrom Secret %q: name each secret variable with a secretKeyRef, so its key is visible and documented", from.SecretRef.Name)
		}
	}
	for _, e := range c.Env {
		switch {
		case e.ValueFrom == nil:
			env[e.Name] = EnvValue{Value: e.Value}
		case e.ValueFrom.SecretKeyRef != nil:
			ref := SecretRef{e.ValueFrom.SecretKeyRef.Name, e.ValueFrom.SecretKeyRef.Key}
			v := EnvValue{Secret: &ref}
			if s, ok := Find[*corev1.Secret](objs, "Secret", ref.Secret); ok {
				if b, ok := s.Data[ref.Key]; ok {
					v.Value = string(b)
				} else if sv, ok := s.StringData[ref.Key]; ok {
					v.Value = sv
				}
			}
			env[e.Name] = v
		case e.ValueFrom.ConfigMapKeyRef != nil:
			ref := e.ValueFrom.ConfigMapKeyRef
			cm, ok := Find[*corev1.ConfigMap](objs, "ConfigMap", ref.Name)
			if !ok {
				return nil, fmt.Errorf("env %s: ConfigMap %q is not part of the manifests", e.Name, ref.Name)
			}
			env[e.Name] = EnvValue{Value: cm.Data[ref.Key]}
		default:
			env[e.Name] = EnvValue{}
		}
	}
	return env, nil
}

// Plain returns the environment as name=value, secret values included where known.
func (e Env) Plain() map[string]string {
	out := make(map[string]string, len(e))
	for k, v := range e {
		out[k] = v.Value
	}
	return out
}

package main

import (
	"reflect"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// shiftTimes moves every non-zero metav1.Time and metav1.MicroTime reachable from obj by d, in
// place. It walks the value by reflection so that no timestamp field of any release's types is
// forgotten (conditions, container states, deletion and creation stamps, managed fields...).
func shiftTimes(obj any, d time.Duration) {
	if d == 0 {
		return
	}
	shiftValue(reflect.ValueOf(obj), d)
}

var (
	timeType      = reflect.TypeOf(metav1.Time{})
	microTimeType = reflect.TypeOf(metav1.MicroTime{})
	// holdsTime caches, per type, whether a timestamp can be reached from it at all, so the walk
	// skips the many string and number fields of large pod specs.
	holdsTime sync.Map
)

func canHoldTime(t reflect.Type) bool {
	if v, ok := holdsTime.Load(t); ok {
		return v.(bool)
	}
	holdsTime.Store(t, false) // breaks cycles of recursive types while they are being decided
	result := false
	switch t.Kind() {
	case reflect.Struct:
		if t == timeType || t == microTimeType {
			result = true
			break
		}
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).IsExported() && canHoldTime(t.Field(i).Type) {
				result = true
				break
			}
		}
	case reflect.Pointer, reflect.Slice, reflect.Array:
		result = canHoldTime(t.Elem())
	case reflect.Map:
		result = canHoldTime(t.Elem())
	}
	holdsTime.Store(t, result)
	return result
}

func shiftValue(v reflect.Value, d time.Duration) {
	if !canHoldTime(v.Type()) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			shiftValue(v.Elem(), d)
		}
	case reflect.Struct:
		switch v.Type() {
		case timeType:
			t := v.Addr().Interface().(*metav1.Time)
			if !t.IsZero() {
				t.Time = t.Time.Add(d)
			}
			return
		case microTimeType:
			t := v.Addr().Interface().(*metav1.MicroTime)
			if !t.IsZero() {
				t.Time = t.Time.Add(d)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				shiftValue(v.Field(i), d)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			shiftValue(v.Index(i), d)
		}
	case reflect.Map:
		// Map values are not addressable: shift a copy and store it back.
		iter := v.MapRange()
		for iter.Next() {
			cp := reflect.New(iter.Value().Type()).Elem()
			cp.Set(iter.Value())
			shiftValue(cp, d)
			v.SetMapIndex(iter.Key(), cp)
		}
	}
}

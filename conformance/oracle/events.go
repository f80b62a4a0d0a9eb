package main

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
)

// recordedEvent is one event the controller emitted, as the protocol reports it.
type recordedEvent struct {
	Type    string `json:"type"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
}

// eventLog is the controller's event recorder: it puts every event on the sync's timeline instead
// of sending it.
type eventLog struct{ timeline *timeline }

func (l *eventLog) Event(_ runtime.Object, eventtype, reason, message string) {
	l.timeline.addEvent(recordedEvent{eventtype, reason, message})
}

func (l *eventLog) Eventf(_ runtime.Object, eventtype, reason, messageFmt string, args ...any) {
	l.Event(nil, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

func (l *eventLog) AnnotatedEventf(_ runtime.Object, _ map[string]string, eventtype, reason, messageFmt string,
	args ...any) {
	l.Event(nil, eventtype, reason, fmt.Sprintf(messageFmt, args...))
}

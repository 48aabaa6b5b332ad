// Package demo is the content atelier ships so that a first `make run` shows something true:
// real open-data files about the Bouches-du-Rhône and a page « Martigues en chiffres » built
// on them. Loading it is idempotent: what already exists is left alone.
package demo

package web

import (
	"bytes"
	"context"

	"atelier/datasets"
	"atelier/notebooks"
	"atelier/notebooks/questions"
)

// answersDataset names the dataset a page's answers become: reponses-{slug}, cut to the
// longest name a dataset may have.
func answersDataset(slug notebooks.Slug) datasets.Name {
	name := "reponses-" + string(slug)
	if len(name) > 64 {
		name = name[:64]
	}
	for len(name) > 0 && name[len(name)-1] == '-' {
		name = name[:len(name)-1]
	}
	return datasets.Name(name)
}

// publishAnswers makes the page's answers, as they stand once a question is closed, the next
// version of its answers dataset: one row per counted answer, without participant or
// address, which chart blocks on other pages can draw and which downloads as CSV.
func (s *Server) publishAnswers(ctx context.Context, slug notebooks.Slug) error {
	blocks, err := s.pages.QuestionsOf(ctx, slug)
	if err != nil {
		return err
	}
	asked := map[int]*questions.Question{}
	for _, b := range blocks {
		asked[b.N] = b.Question
	}
	body, rows, err := s.pages.Answers().DatasetCSV(ctx, string(slug), asked)
	if err != nil || rows == 0 {
		return err
	}
	title := string(slug)
	if st, err := s.pages.StampOf(ctx, slug); err == nil && st.Status != "" {
		if p, err := s.pages.Get(ctx, slug); err == nil {
			title = p.Title
		}
	}
	name := answersDataset(slug)
	_, err = s.datasets.Import(ctx, datasets.ImportRequest{
		Name:        name,
		Title:       "Réponses de la salle — " + title,
		Description: "Les réponses données aux questions de la page, une ligne par réponse : numéro de la question, date du tour, réponse, nombre (quand la réponse en est un) et minute. Sans identifiant ni adresse.",
		Source:      "atelier, page /p/" + string(slug),
		Licence:     "Licence Ouverte 2.0",
		FileName:    string(name) + ".csv",
		Body:        bytes.NewReader(body),
	})
	return err
}

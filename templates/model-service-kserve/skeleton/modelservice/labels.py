"""Class labels for estimators that only take 0..n-1 (XGBoost): the model keeps the labels it was trained with.

It is saved in model.joblib with the pipeline, so the server must be able to import it: it lives in the package.
"""
import numpy as np
from sklearn.preprocessing import LabelEncoder


class LabelledClassifier:
    """A classifier fitted on encoded labels that predicts the original ones."""

    def __init__(self, estimator):
        self.estimator = estimator
        self.encoder = LabelEncoder()

    def fit(self, x, y):
        self.estimator.fit(x, self.encoder.fit_transform(y))
        return self

    @property
    def classes_(self):
        return self.encoder.classes_

    def predict(self, x):
        return self.encoder.inverse_transform(np.asarray(self.estimator.predict(x), dtype=int))

    def predict_proba(self, x):
        return self.estimator.predict_proba(x)

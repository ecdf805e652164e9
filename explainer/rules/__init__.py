"""The "what happens to my score?" model. No Django imports: `import explainer.rules` stays pure."""

from .model import MAX_ACTIONS, MAX_MONTH, Outcome, RuleBook, Scenario, ScenarioError, TakenAction, evaluate

__all__ = ["MAX_ACTIONS", "MAX_MONTH", "Outcome", "RuleBook", "Scenario", "ScenarioError", "TakenAction", "evaluate"]

"""Rules of combination: the ruleset and its evaluator, the analysis of what can be met, and the rules in words."""

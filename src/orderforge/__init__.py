"""orderforge — roadmap plans in YAML → приказ with its appendix."""

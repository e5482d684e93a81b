"""REST serializers of the outcomes framework.

``indicators``: indicators with their latest figure, RAG and direction of travel;
``measurements``: values one at a time and one period's values pushed at once;
``scorecard``: the scorecard for dashboards elsewhere; ``fields``: what they share.
"""

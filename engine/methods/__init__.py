"""The mathematics alone: social choice, network measures, scales. Nothing here knows what a
workshop is; the exercise kinds build these functions' inputs from ballots."""

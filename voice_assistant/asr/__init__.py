"""Speech in: the Recogniser protocol (recogniser.py), the engines, the factory, the listener and model files."""

"""Chat: conversation data, the chat template and its special tokens, data for fine-tuning."""

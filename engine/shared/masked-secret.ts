/**
 * What a set secret field reads as through the contract. Saving it back unchanged keeps the stored
 * secret, so a connection form can be re-saved without ever holding the secret itself.
 */
export const maskedSecret = '••••••••';
